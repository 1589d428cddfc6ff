/** Editor accounts: the only people who can change data. Created from the command line. */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { user } from '../db/schema';
import { hashPassword, verifyPassword } from './password';

export interface User {
	id: number;
	email: string;
	role: 'editor' | 'admin';
}

const USER_COLUMNS = { id: user.id, email: user.email, role: user.role };

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

export async function addUser(db: Db, email: string, password: string): Promise<User> {
	const address = normaliseEmail(email);
	if (!/^[^\s@]+@[^\s@]+$/.test(address)) throw new Error(`"${email}" is not an email address.`);
	if (password.length < 8) throw new Error('The password must have at least 8 characters.');
	const hash = await hashPassword(password);
	return db
		.insert(user)
		.values({ email: address, passwordHash: hash })
		.returning(USER_COLUMNS)
		.get();
}

export function listUsers(db: Db): (User & { createdAt: string })[] {
	return db
		.select({ ...USER_COLUMNS, createdAt: user.createdAt })
		.from(user)
		.orderBy(asc(user.email))
		.all();
}

/** Removes the account with its sessions and tokens; returns whether it existed. */
export function removeUser(db: Db, email: string): boolean {
	return (
		db
			.delete(user)
			.where(eq(user.email, normaliseEmail(email)))
			.run().changes > 0
	);
}

export function findUser(db: Db, email: string): User | undefined {
	return db
		.select(USER_COLUMNS)
		.from(user)
		.where(eq(user.email, normaliseEmail(email)))
		.get();
}

/** The user for these credentials, or undefined; as slow for unknown emails as for known ones. */
export async function checkCredentials(
	db: Db,
	email: string,
	password: string
): Promise<User | undefined> {
	const row = db
		.select({ ...USER_COLUMNS, hash: user.passwordHash })
		.from(user)
		.where(eq(user.email, normaliseEmail(email)))
		.get();
	const ok = await verifyPassword(password, row?.hash ?? (await DUMMY_HASH));
	return row && ok ? { id: row.id, email: row.email, role: row.role } : undefined;
}

const DUMMY_HASH = hashPassword('not a real password');
