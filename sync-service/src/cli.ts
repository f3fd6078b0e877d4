/**
 * The `territory` command: a thin dispatcher. Each subcommand lives in its own module
 * (cli/balance-command.ts: the engine's file I/O; localOrg/org-command.ts) and returns its exit
 * code.
 */

const USAGE = `Usage: territory <command> [options]

Commands:
  balance   Balance accounts among reps from CSV files (see: territory balance --help)
  audit     Find data problems in the accounts before planning (see: territory audit --help)
  routes    Plan each rep's visit routes over working days (see: territory routes --help)
  org       Start the local Salesforce org emulator with a sample org (see: territory org --help)
`;

/** Runs the command named by argv[0]; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    switch (command) {
        case 'balance': {
            const { runBalanceCommand } = await import('./cli/balance-command.js');
            return runBalanceCommand(rest);
        }
        case 'audit': {
            const { runAuditCommand } = await import('./cli/audit-command.js');
            return runAuditCommand(rest);
        }
        case 'routes': {
            const { runRoutesCommand } = await import('./cli/routes-command.js');
            return runRoutesCommand(rest);
        }
        case 'org': {
            const { runOrgCommand } = await import('./localOrg/org-command.js');
            return runOrgCommand(rest);
        }
        case undefined:
        case '-h':
        case '--help':
        case 'help':
            process.stdout.write(USAGE);
            return command === undefined ? 1 : 0;
        default:
            process.stderr.write(`territory: unknown command '${command}'.\n\n${USAGE}`);
            return 1;
    }
}
