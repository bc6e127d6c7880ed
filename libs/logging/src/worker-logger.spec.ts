import { capturedLog } from '../../../test/support/captured-log';
import { createLogger } from './create-logger';
import { workerLogger } from './worker-logger';

// The projector's and policies' logger port, adapted to pino: what they report comes out as the programs'
// JSON lines, with their fields, at the level they chose, and LOG_LEVEL drops what is below it.

describe('workerLogger on a pino logger', () => {
  it('writes one JSON line per call: level as a word, ISO time, program, context, message and fields', () => {
    const out = capturedLog();
    const logger = workerLogger(
      createLogger({ name: 'worker', level: 'info', destination: out }),
      'Projector',
    );

    logger.info('caught up, following live', { funnel: '42', behind: 0 });
    logger.warn('retrying', { attempt: 2, error: 'connection refused' });

    expect(out.text().split('\n')).toHaveLength(3); // two lines, each ended by a newline
    const [caughtUp, retrying] = out.lines();
    expect(caughtUp).toEqual({
      level: 'info',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      pid: process.pid,
      hostname: expect.any(String),
      name: 'worker',
      context: 'Projector',
      msg: 'caught up, following live',
      funnel: '42',
      behind: 0,
    });
    expect(retrying).toMatchObject({
      level: 'warn',
      msg: 'retrying',
      attempt: 2,
      error: 'connection refused',
    });
  });

  it.each([
    ['trace', ['debug', 'info', 'warn', 'error']],
    ['debug', ['debug', 'info', 'warn', 'error']],
    ['info', ['info', 'warn', 'error']],
    ['warn', ['warn', 'error']],
    ['error', ['error']],
    ['fatal', []],
  ] as const)('at LOG_LEVEL=%s keeps %j', (level, kept) => {
    const out = capturedLog();
    const logger = workerLogger(createLogger({ name: 'worker', level, destination: out }), 'Policies');

    logger.debug('effect refused, the lead moved on');
    logger.info('policies caught up');
    logger.warn('could not record the rules yet');
    logger.error('policy runner stopped');

    expect(out.lines().map((line) => line.level)).toEqual(kept);
  });

  it('never writes a colour code, whatever the output is', () => {
    const out = capturedLog();
    const logger = workerLogger(
      createLogger({ name: 'worker', level: 'debug', destination: out }),
      'Projector',
    );
    logger.error('read model rebuilt', { projection: 'funnel' });
    // eslint-disable-next-line no-control-regex
    expect(out.text()).not.toMatch(/\x1b\[/);
  });
});
