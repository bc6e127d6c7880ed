// The HTTP baseline: bare Fastify with one JSON echo route, the same body limit as the API, nothing else.
import Fastify from 'fastify';

const app = Fastify({ bodyLimit: 64 * 1024 });
app.post('/echo', async (request) => ({ echoed: request.body }));
app.get('/health', async () => ({ status: 'ok' }));
app
  .listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
  .then(() => process.stdout.write('listening\n'))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
