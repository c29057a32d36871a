/**
 * The `deskhooks` command line: reads the arguments, picks the command, runs it and turns any failure
 * into one line on stderr and an exit code (0 done, 1 failed, 2 usage). `client/cli/deskhooks.js` is the
 * installed entry; this file can also be run with `tsx client/cli/main.ts …`.
 */
import { parseArgs } from 'node:util';
import { type CommandContext, type Output, createContext } from './context';
import { deliveriesList } from './deliveries-list';
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './errors';
import { COMMAND_HELP, GLOBAL_HELP } from './help';
import { hooksList } from './hooks-list';
import { listen } from './listen';
import { redeliver } from './redeliver';
import { trigger } from './trigger';

const OPTIONS = {
  server: { type: 'string' },
  key: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  events: { type: 'string' },
  'forward-to': { type: 'string' },
  'print-secret': { type: 'boolean' },
  data: { type: 'string' },
  brand: { type: 'string' },
  failed: { type: 'boolean' },
  hook: { type: 'string' },
  limit: { type: 'string' },
} as const;

type OptionName = keyof typeof OPTIONS;
type Values = { [Name in OptionName]?: (typeof OPTIONS)[Name]['type'] extends 'string' ? string : boolean };

const GLOBAL: OptionName[] = ['server', 'key', 'help'];
const COMMAND_OPTIONS: Record<string, OptionName[]> = {
  listen: ['events', 'forward-to', 'print-secret'],
  trigger: ['data', 'brand'],
  hooks: [],
  deliveries: ['failed', 'hook', 'limit'],
  redeliver: [],
};

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  output?: Output;
}

const consoleOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function parse(argv: string[]): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    return { values: values as Values, positionals };
  } catch (error) {
    // parseArgs explains itself ("Unknown option '--x'"); keep its first sentence.
    throw new UsageError(String((error as Error).message).split('. ')[0].replace(/\.$/, ''));
  }
}

function expectArguments(command: string, rest: string[], names: string[]): string[] {
  if (rest.length < names.length) throw new UsageError(`deskhooks ${command} needs ${names.map((name) => `<${name}>`).join(' ')}`);
  if (rest.length > names.length) throw new UsageError(`deskhooks ${command}: unexpected argument "${rest[names.length]}"`);
  return rest;
}

async function dispatch(command: string, rest: string[], values: Values, ctx: () => CommandContext): Promise<number> {
  switch (command) {
    case 'listen':
      expectArguments(command, rest, []);
      return listen(ctx(), { events: values.events, forwardTo: values['forward-to'], printSecret: values['print-secret'] === true });
    case 'trigger': {
      const [type] = expectArguments(command, rest, ['type']);
      return trigger(ctx(), type, { data: values.data, brand: values.brand });
    }
    case 'hooks':
      if (rest[0] !== 'list') throw new UsageError('deskhooks hooks: the command is `deskhooks hooks list`');
      expectArguments('hooks list', rest.slice(1), []);
      return hooksList(ctx());
    case 'deliveries':
      if (rest[0] !== 'list') throw new UsageError('deskhooks deliveries: the command is `deskhooks deliveries list`');
      expectArguments('deliveries list', rest.slice(1), []);
      return deliveriesList(ctx(), { failed: values.failed === true, hook: values.hook, limit: values.limit });
    case 'redeliver': {
      const [deliveryId] = expectArguments(command, rest, ['deliveryId']);
      return redeliver(ctx(), deliveryId);
    }
    default:
      throw new UsageError(`Unknown command "${command}" (deskhooks --help lists them)`);
  }
}

/** Runs one command line; resolves with the exit code. */
export async function run(argv: string[], options: RunOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  const output = options.output ?? consoleOutput;
  try {
    const { values, positionals } = parse(argv);
    const [command, ...rest] = positionals;
    if (values.help || !command || command === 'help') {
      const topic = command === 'help' ? rest[0] : command;
      output.out(topic && COMMAND_HELP[topic] ? COMMAND_HELP[topic] : GLOBAL_HELP);
      return command || values.help ? EXIT_OK : EXIT_USAGE;
    }
    const allowed = COMMAND_OPTIONS[command];
    if (allowed) {
      const misplaced = (Object.keys(values) as OptionName[]).find((name) => !GLOBAL.includes(name) && !allowed.includes(name));
      if (misplaced) throw new UsageError(`--${misplaced} is not an option of deskhooks ${command} (deskhooks ${command} --help)`);
    }
    return await dispatch(command, rest, values, () => createContext({ server: values.server, key: values.key }, env, output));
  } catch (error) {
    if (error instanceof CliError) {
      output.err(`Error: ${error.message}`);
      if (error.exitCode === EXIT_USAGE) output.err('Run deskhooks --help for usage.');
      return error.exitCode;
    }
    output.err(`Error: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_FAILURE;
  }
}

if (require.main === module) {
  run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
