import { WrongExpectedRevisionError } from '@leadger/event-store';
import { observed, resultOf, type CommandObserver, type CommandResult } from './command-observer';
import {
  CommandRefusedError,
  IdempotencyKeyReusedError,
  OwnerInputError,
  StaleRevisionError,
} from './errors';

/** An observer that writes down what it hears. */
function recorder() {
  const heard: { handled: [string, CommandResult][]; conflicted: [string, boolean][] } = {
    handled: [],
    conflicted: [],
  };
  const observer: CommandObserver = {
    handled: (command, result, seconds) => {
      expect(seconds).toBeGreaterThanOrEqual(0);
      heard.handled.push([command, result]);
    },
    conflicted: (command, retried) => heard.conflicted.push([command, retried]),
  };
  return { heard, observer };
}

describe('resultOf', () => {
  it.each<[string, unknown, CommandResult]>([
    [
      'an illegal transition',
      new CommandRefusedError({
        code: 'illegal_transition',
        command: 'AcceptLead',
        stage: 'lead',
        allowed: [],
        message: 'no',
      }),
      'refused',
    ],
    [
      'an unknown lead',
      new CommandRefusedError({ code: 'not_found', command: 'AcceptLead', message: 'no' }),
      'refused',
    ],
    [
      'a field the domain refused',
      new CommandRefusedError({ code: 'validation', command: 'CaptureLead', field: 'email', message: 'no' }),
      'invalid',
    ],
    ['a bad owner field', new OwnerInputError('name', 'blank'), 'invalid'],
    ['a reused idempotency key', new IdempotencyKeyReusedError('k', 'CaptureLead', 'AcceptLead'), 'invalid'],
    ['a stale If-Match', new StaleRevisionError({ leadId: 'l' }, 1n, 2n), 'conflict'],
    ['a race lost on every attempt', new WrongExpectedRevisionError('lead-l', 1n, 2n), 'conflict'],
    [
      'the API refusing the caller',
      Object.assign(new Error('not yours'), { code: 'forbidden' }),
      'forbidden',
    ],
    ['a store down', new Error('connect ECONNREFUSED'), 'error'],
  ])('counts %s as %s', (_what, error, result) => {
    expect(resultOf(error)).toBe(result);
  });
});

describe('observed', () => {
  it('tells an accepted command as applied and a repeated answer as replayed', async () => {
    const { heard, observer } = recorder();
    await observed(observer, 'CaptureLead', async () => ({ replayed: false }));
    await observed(observer, 'CaptureLead', async () => ({ replayed: true }));
    expect(heard.handled).toEqual([
      ['CaptureLead', 'applied'],
      ['CaptureLead', 'replayed'],
    ]);
  });

  it('tells a failed command by its error and throws it on; the last race lost is a conflict too', async () => {
    const { heard, observer } = recorder();
    const lost = new WrongExpectedRevisionError('lead-l', 1n, 2n);
    await expect(observed(observer, 'QualifyLead', () => Promise.reject(lost))).rejects.toBe(lost);
    expect(heard).toEqual({ handled: [['QualifyLead', 'conflict']], conflicted: [['QualifyLead', false]] });
  });

  it('runs the work alone without an observer', async () => {
    await expect(observed(undefined, 'CaptureLead', async () => ({ replayed: false }))).resolves.toEqual({
      replayed: false,
    });
  });
});
