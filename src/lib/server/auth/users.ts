/** Editor accounts: the only people who can change data. Created from the command line. */
import type { Db } from '../db/client';
import { hashPassword, verifyPassword } from './password';

export interface User {
	id: number;
	email: string;
	role: 'editor' | 'admin';
}

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

export async function addUser(db: Db, email: string, password: string): Promise<User> {
	const address = normaliseEmail(email);
	if (!/^[^\s@]+@[^\s@]+$/.test(address)) throw new Error(`"${email}" is not an email address.`);
	if (password.length < 8) throw new Error('The password must have at least 8 characters.');
	const hash = await hashPassword(password);
	const id = Number(
		db.$client.prepare('INSERT INTO user (email, password_hash) VALUES (?, ?)').run(address, hash)
			.lastInsertRowid
	);
	return { id, email: address, role: 'editor' };
}

export function listUsers(db: Db): (User & { createdAt: string })[] {
	return db.$client
		.prepare('SELECT id, email, role, created_at AS createdAt FROM user ORDER BY email')
		.all() as (User & { createdAt: string })[];
}

/** Removes the account with its sessions and tokens; returns whether it existed. */
export function removeUser(db: Db, email: string): boolean {
	return (
		db.$client.prepare('DELETE FROM user WHERE email = ?').run(normaliseEmail(email)).changes > 0
	);
}

export function findUser(db: Db, email: string): User | undefined {
	return db.$client
		.prepare('SELECT id, email, role FROM user WHERE email = ?')
		.get(normaliseEmail(email)) as User | undefined;
}

/** The user for these credentials, or undefined; as slow for unknown emails as for known ones. */
export async function checkCredentials(
	db: Db,
	email: string,
	password: string
): Promise<User | undefined> {
	const row = db.$client
		.prepare('SELECT id, email, role, password_hash AS hash FROM user WHERE email = ?')
		.get(normaliseEmail(email)) as (User & { hash: string }) | undefined;
	const ok = await verifyPassword(password, row?.hash ?? (await DUMMY_HASH));
	return row && ok ? { id: row.id, email: row.email, role: row.role } : undefined;
}

const DUMMY_HASH = hashPassword('not a real password');
