#!/usr/bin/env bash
# Installs SIPp (Debian package sip-tester), the SIP peer the probe tests run against, when it is
# missing and apt-get is there to install it. Quiet; never fails the caller: without SIPp those
# tests skip and say why.
set -u

command -v sipp >/dev/null 2>&1 && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-sipp: sipp is missing and apt-get is not available; the SIPp tests will skip" >&2
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo -n"
  else
    echo "install-sipp: sipp is missing and installing it needs root; the SIPp tests will skip" >&2
    exit 0
  fi
fi

export DEBIAN_FRONTEND=noninteractive
if $sudo apt-get install -y -qq sip-tester >/dev/null 2>&1 ||
  { $sudo apt-get update -qq >/dev/null 2>&1 && $sudo apt-get install -y -qq sip-tester >/dev/null 2>&1; }; then
  exit 0
fi
echo "install-sipp: could not install sip-tester; the SIPp tests will skip" >&2
exit 0
