/**
 * What the `territory` subcommands share on their command line: the usage error, numeric options
 * checked with the same message, and the prologue that prints help or a usage error.
 */

/** A mistake on the command line: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}

/**
 * The numeric option `name` from parsed option values (strings as typed), or `def` when absent;
 * a value that is empty, not a finite number or refused by `ok` is a UsageError naming `what` it
 * must be.
 */
export function numberOption(
    values: Readonly<Record<string, unknown>>,
    name: string,
    def: number,
    ok: (x: number) => boolean,
    what: string
): number {
    const v = values[name];
    if (v === undefined) return def;
    const x = Number(v);
    if (v === '' || typeof v !== 'string' || !Number.isFinite(x) || !ok(x))
        throw new UsageError(`--${name} must be ${what} (got '${String(v)}').`);
    return x;
}

/**
 * Parses `argv` with `parse`. Help prints `usage` (exit code 0); a UsageError prints its message
 * and `usage` on stderr (exit code 2); either way the exit code is returned instead of the
 * arguments.
 */
export function commandArgs<A extends object>(
    command: string,
    usage: string,
    argv: string[],
    parse: (argv: string[]) => A | 'help'
): A | number {
    let args: A | 'help';
    try {
        args = parse(argv);
    } catch (err) {
        if (err instanceof UsageError) {
            process.stderr.write(`territory ${command}: ${err.message}\n\n${usage}`);
            return 2;
        }
        throw err;
    }
    if (args === 'help') {
        process.stdout.write(usage);
        return 0;
    }
    return args;
}
