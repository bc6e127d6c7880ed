import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startTestApp, type TestApp } from './test-app';

/** Starts one app before the enclosing block's tests, hands it to `use`, and disposes of it after them. */
export function withTestApp(use: (app: NestFastifyApplication, test: TestApp) => void): void {
  let test: TestApp | undefined;
  beforeAll(async () => {
    test = await startTestApp();
    use(test.app, test);
  });
  afterAll(() => test?.dispose());
}
