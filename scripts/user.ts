/**
 * `npm run user -- add EMAIL | list | remove EMAIL | token EMAIL | revoke EMAIL`: manage editor
 * accounts on the server. The password comes from a prompt on a terminal, or from standard input.
 * Exit 0 on success, 1 when the command failed, 2 on a usage error.
 */
import { createInterface } from 'node:readline';
import { getDb } from '../src/lib/server/db';
import { addUser, findUser, listUsers, removeUser } from '../src/lib/server/auth/users';
import { createApiToken, revokeApiTokens } from '../src/lib/server/auth/sessions';

const USAGE = `Usage: npm run user -- <command>
  add EMAIL      create an editor (password from the prompt or standard input)
  list           list editors
  remove EMAIL   delete an editor with their sessions and tokens
  token EMAIL    print a new API token for scripts (shown once)
  revoke EMAIL   revoke all of an editor's API tokens`;

async function readPassword(): Promise<string> {
	if (!process.stdin.isTTY) {
		let input = '';
		for await (const chunk of process.stdin) input += chunk;
		return input.split(/\r?\n/)[0];
	}
	const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
	const muted = rl as unknown as { _writeToOutput: (s: string) => void };
	process.stdout.write('Password: ');
	muted._writeToOutput = () => {};
	const password = await new Promise<string>((resolve) => rl.question('', resolve));
	rl.close();
	process.stdout.write('\n');
	return password;
}

async function main(argv: string[]): Promise<number> {
	process.env.TRUSTLINE_SAMPLE_DATA ??= 'off';
	const [command, email] = argv;
	const db = getDb();
	const need = (what: string) => {
		console.error(`${what}\n\n${USAGE}`);
		return 2;
	};
	switch (command) {
		case 'add': {
			if (!email) return need('add needs an EMAIL.');
			if (findUser(db, email)) return (console.error(`${email} already exists.`), 1);
			const user = await addUser(db, email, await readPassword());
			console.log(`Added editor ${user.email}.`);
			return 0;
		}
		case 'list':
			for (const u of listUsers(db)) console.log(`${u.email}\t${u.role}\t${u.createdAt}`);
			return 0;
		case 'remove':
			if (!email) return need('remove needs an EMAIL.');
			if (!removeUser(db, email)) return (console.error(`No editor ${email}.`), 1);
			console.log(`Removed ${email}.`);
			return 0;
		case 'token':
		case 'revoke': {
			if (!email) return need(`${command} needs an EMAIL.`);
			const user = findUser(db, email);
			if (!user) return (console.error(`No editor ${email}.`), 1);
			if (command === 'token') console.log(createApiToken(db, user.id, 'cli'));
			else console.log(`Revoked ${revokeApiTokens(db, user.id)} token(s) of ${email}.`);
			return 0;
		}
		default:
			return need(command ? `Unknown command "${command}".` : 'No command given.');
	}
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(err: Error) => {
		console.error(err.message);
		process.exit(1);
	}
);
