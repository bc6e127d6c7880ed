/** The app's clock: what "now" is for commands and the policies' timers. Tests move one instead of sleeping. */
export const CLOCK = Symbol('CLOCK');
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
