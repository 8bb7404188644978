import { createSocket } from 'node:dgram';

/** A port nothing listens on; connecting a UDP socket sends nothing, it only asks the routing table. */
const DISCARD_PORT = 9;

/**
 * The source address this machine uses toward `host`: what belongs in Via and Contact when the
 * probe socket listens on every address. Connecting a UDP socket picks the route without sending.
 */
export function sourceAddressToward(host: string, family: 4 | 6): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createSocket(family === 6 ? 'udp6' : 'udp4');
    socket.once('error', (error) => {
      socket.close();
      reject(error);
    });
    socket.connect(DISCARD_PORT, host, () => {
      const { address } = socket.address();
      socket.close();
      resolve(address);
    });
  });
}
