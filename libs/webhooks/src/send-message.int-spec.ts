import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendMessage } from './send-message';

// sendMessage against a real server on a loopback port that misbehaves after its status line.

describe('sendMessage', () => {
  let server: Server;
  let closed: Promise<void>;

  beforeEach(async () => {
    let socketClosed!: () => void;
    closed = new Promise((resolve) => (socketClosed = resolve));
    // Says 200 with a body of 100 bytes, sends one, and never the rest.
    server = createServer((request, response) => {
      request.socket.on('close', socketClosed);
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-length': '100' });
        response.write('x');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('counts a 200 whose body never ends as delivered, and closes its connection within the timeout', async () => {
    const { port } = server.address() as AddressInfo;
    const message = {
      url: `http://127.0.0.1:${port}/hooks`,
      secret: `whsec_${Buffer.alloc(24, 1).toString('base64')}`,
      messageId: 'msg_1',
      body: '{}',
    };
    const attempt = await sendMessage(message, 300);
    expect(attempt).toMatchObject({ status: 200, error: null });
    const held = new Promise((resolve) => setTimeout(() => resolve('still open after 3 s'), 3000).unref());
    expect(await Promise.race([closed.then(() => 'closed'), held])).toBe('closed');
  });
});
