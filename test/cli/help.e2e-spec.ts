import { runCli, tempDataDir } from './support/cli';

// Every command explains itself with --help, and anything unknown is refused with exit code 2.

// Each test starts real `node` processes: slow on a busy two-core machine, and the first one transpiles.
jest.setTimeout(60_000);

const data = tempDataDir();
afterAll(() => data.dispose());

describe('leadger --help', () => {
  it.each([
    [[], /Usage: leadger \[options\] \[command\][\s\S]*Exit codes: 0 done/],
    [['rebuild'], /Usage: leadger rebuild \[options\] \[projection\.\.\.\]/],
    [['funnel'], /Usage: leadger funnel \[options\][\s\S]*--as-of <moment>[\s\S]*--by <clock>/],
    [['pipeline'], /Usage: leadger pipeline \[options\][\s\S]*--as-of <moment>/],
    [['leads'], /Usage: leadger leads \[options\][\s\S]*--email <email>[\s\S]*--stage <stage>[\s\S]*--json/],
    [['audit'], /Usage: leadger audit \[options\] \[command\] <lead>[\s\S]*verify/],
    [['audit', 'verify'], /Usage: leadger audit verify \[options\][\s\S]*--lead <lead>/],
    [
      ['export'],
      /Usage: leadger export \[options\][\s\S]*--format <format>[\s\S]*--type <types\.\.\.>[\s\S]*--sealed/,
    ],
    [['import'], /Usage: leadger import \[options\] <csv>[\s\S]*--map <field=Header>/],
    [['seed'], /Usage: leadger seed \[options\][\s\S]*--leads <n>[\s\S]*--seed <s>/],
    [['keys'], /Usage: leadger keys \[options\] \[command\][\s\S]*create[\s\S]*list[\s\S]*revoke/],
    [['keys', 'create'], /Usage: leadger keys create \[options\][\s\S]*--name <name>[\s\S]*--role <roles>/],
    [['keys', 'list'], /Usage: leadger keys list \[options\][\s\S]*--json/],
    [['keys', 'revoke'], /Usage: leadger keys revoke \[options\] <name>/],
    [['owners'], /Usage: leadger owners \[options\] \[command\][\s\S]*list[\s\S]*set/],
    [['owners', 'list'], /Usage: leadger owners list \[options\][\s\S]*--json/],
    [
      ['owners', 'set'],
      /Usage: leadger owners set \[options\] <ownerId>[\s\S]*--name <name>[\s\S]*--teams <teams>[\s\S]*--active[\s\S]*--inactive[\s\S]*--capacity <n>/,
    ],
  ])('leadger %j --help', async (command, usage) => {
    const run = await runCli(data.dir, [...command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(usage);
  });

  it('refuses an unknown command or option with exit code 2', async () => {
    const command = await runCli(data.dir, ['forecast']);
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/unknown command 'forecast'/);
    const option = await runCli(data.dir, ['funnel', '--colour']);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/unknown option '--colour'/);
  });

  it('warns of a misspelt LEADGER_ variable in a JSON log line on stderr, naming the one meant, and goes on', async () => {
    const run = await runCli(data.dir, ['--version'], { LEADGER_DATADIR: '/srv/leadger' });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('0.1.0\n');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      expect.objectContaining({
        level: 'warn',
        name: 'leadger',
        msg: 'unknown variable LEADGER_DATADIR; did you mean LEADGER_DATA_DIR?',
      }),
    ]);
  });

  it('keeps its warnings to itself under LOG_LEVEL=error', async () => {
    const run = await runCli(data.dir, ['--version'], {
      LEADGER_DATADIR: '/srv/leadger',
      LOG_LEVEL: 'error',
    });
    expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({
      code: 0,
      stdout: '0.1.0\n',
      stderr: '',
    });
  });
});
