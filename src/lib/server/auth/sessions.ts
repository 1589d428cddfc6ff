/**
 * Browser sessions and API tokens. The browser holds a random token in an HttpOnly cookie and
 * scripts send theirs in the Authorization header; the database keeps only their sha256, so a
 * copy of the database cannot sign anyone in.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DAY } from '$lib/chart/time';
import type { Db } from '../db/client';
import type { User } from './users';

export const SESSION_COOKIE = 'trustline_session';
export const SESSION_DAYS = 30;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = (prefix = '') => prefix + randomBytes(32).toString('base64url');

/** Start a session; returns the token for the cookie. Expired sessions are cleared on the way. */
export function createSession(db: Db, userId: number): { token: string; expires: Date } {
	const token = newToken();
	const expires = new Date(Date.now() + SESSION_DAYS * DAY);
	// Sign-ins are rare, so this is the cheap moment to keep the table from growing forever.
	db.$client.prepare('DELETE FROM session WHERE expires_at <= ?').run(new Date().toISOString());
	db.$client
		.prepare('INSERT INTO session (id, user_id, expires_at) VALUES (?, ?, ?)')
		.run(hashToken(token), userId, expires.toISOString());
	return { token, expires };
}

/** The signed-in user for a session cookie, if the session exists and has not expired. */
export function userForSession(db: Db, token: string | undefined): User | null {
	if (!token) return null;
	const row = db.$client
		.prepare(
			`SELECT u.id, u.email, u.role FROM session s JOIN user u ON u.id = s.user_id
			 WHERE s.id = ? AND s.expires_at > ?`
		)
		.get(hashToken(token), new Date().toISOString()) as User | undefined;
	return row ?? null;
}

export function endSession(db: Db, token: string): void {
	db.$client.prepare('DELETE FROM session WHERE id = ?').run(hashToken(token));
}

/** A new API token for scripts; shown once, stored hashed. */
export function createApiToken(db: Db, userId: number, label: string | null = null): string {
	const token = newToken('tl_');
	db.$client
		.prepare('INSERT INTO api_token (user_id, token_hash, label) VALUES (?, ?, ?)')
		.run(userId, hashToken(token), label);
	return token;
}

/** The user for a bearer token, unless revoked. */
export function userForApiToken(db: Db, token: string): User | null {
	const row = db.$client
		.prepare(
			`SELECT u.id, u.email, u.role FROM api_token t JOIN user u ON u.id = t.user_id
			 WHERE t.token_hash = ? AND t.revoked_at IS NULL`
		)
		.get(hashToken(token)) as User | undefined;
	return row ?? null;
}

/** Record that a token was used now (a write of its own, so reading a token never waits on one). */
export function recordApiTokenUse(db: Db, token: string): void {
	db.$client
		.prepare(
			"UPDATE api_token SET last_used_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE token_hash = ?"
		)
		.run(hashToken(token));
}

/** Revoke every token of a user; returns how many were revoked. */
export function revokeApiTokens(db: Db, userId: number): number {
	return db.$client
		.prepare(
			"UPDATE api_token SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE user_id = ? AND revoked_at IS NULL"
		)
		.run(userId).changes;
}
