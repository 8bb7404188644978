import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ChannelSender, DeliveryError } from '../../src/alerts/sender.js';
import type { Reply } from '../../src/render/reply.js';

export interface Answer {
  status: number;
  headers?: Record<string, string>;
}

export interface Recorded {
  method: string;
  path: string;
  reply: Reply;
  /** What the stand-in answered. */
  status: number;
}

/**
 * A chat platform's message API on 127.0.0.1: POST /channels/:id/messages posts, PATCH
 * .../messages/:ref edits, POST .../messages/:ref/replies replies. Queued answers are used
 * first (500, 429 with Retry-After...), then every request succeeds.
 */
export class StandInPlatform {
  readonly requests: Recorded[] = [];
  private readonly answers: Answer[] = [];
  private server: Server | undefined;
  private refs = 0;
  url = '';

  answerNext(...answers: Answer[]): void {
    this.answers.push(...answers);
  }

  /** The successful requests, as "POST /channels/ops/messages". */
  delivered(): string[] {
    return this.requests.filter((r) => r.status < 300).map((r) => `${r.method} ${r.path}`);
  }

  async start(): Promise<void> {
    this.refs = 0;
    this.requests.length = 0;
    this.answers.length = 0;
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on('end', () => {
        const answer = this.answers.shift() ?? { status: 200 };
        const reply = JSON.parse(body) as Reply;
        this.requests.push({ method: request.method!, path: request.url!, reply, status: answer.status });
        const ok = answer.status < 300;
        response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        response.end(JSON.stringify(ok ? { ref: `m${++this.refs}` } : { error: 'stand-in failure' }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

/** A ChannelSender over the stand-in, mapping its answers the way the platform senders do. */
export class StandInSender implements ChannelSender {
  constructor(
    private readonly platform: StandInPlatform,
    readonly surface = 'console',
  ) {}

  async post(channelId: string, reply: Reply): Promise<string> {
    return this.send('POST', `/channels/${channelId}/messages`, reply);
  }

  async edit(channelId: string, messageRef: string, reply: Reply): Promise<void> {
    await this.send('PATCH', `/channels/${channelId}/messages/${messageRef}`, reply);
  }

  async replyTo(channelId: string, messageRef: string, reply: Reply): Promise<string> {
    return this.send('POST', `/channels/${channelId}/messages/${messageRef}/replies`, reply);
  }

  private async send(method: string, path: string, reply: Reply): Promise<string> {
    const response = await fetch(this.platform.url + path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(reply),
    });
    const body = (await response.json()) as { ref?: string };
    if (response.status === 429) {
      const seconds = Number(response.headers.get('retry-after') ?? '1');
      throw new DeliveryError('rate limited', { retryAfterMs: seconds * 1000 });
    }
    if (response.status >= 500) throw new DeliveryError(`the platform answered ${response.status}`);
    if (response.status >= 400)
      throw new DeliveryError(`the platform refused (${response.status})`, { permanent: true });
    return body.ref!;
  }
}
