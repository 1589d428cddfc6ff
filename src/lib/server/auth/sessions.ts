/**
 * Browser sessions and API tokens. The browser holds a random token in an HttpOnly cookie and
 * scripts send theirs in the Authorization header; the database keeps only their sha256, so a
 * copy of the database cannot sign anyone in.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import { DAY } from '$lib/chart/time';
import type { Db } from '../db/client';
import { apiToken, session, user } from '../db/schema';
import { preparedPerDb } from '../queries/prepared';
import type { User } from './users';

export const SESSION_COOKIE = 'trustline_session';
export const SESSION_DAYS = 30;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = (prefix = '') => prefix + randomBytes(32).toString('base64url');

const nowIso = () => new Date().toISOString();
const now = sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ','now')`;
const USER_COLUMNS = { id: user.id, email: user.email, role: user.role };

// Every signed-in request looks up its session or token: compiled once per connection.
const statements = preparedPerDb((db) => ({
	userForSession: db
		.select(USER_COLUMNS)
		.from(session)
		.innerJoin(user, eq(user.id, session.userId))
		.where(
			and(eq(session.id, sql.placeholder('id')), gt(session.expiresAt, sql.placeholder('now')))
		)
		.prepare(),
	userForApiToken: db
		.select(USER_COLUMNS)
		.from(apiToken)
		.innerJoin(user, eq(user.id, apiToken.userId))
		.where(and(eq(apiToken.tokenHash, sql.placeholder('hash')), isNull(apiToken.revokedAt)))
		.prepare(),
	recordApiTokenUse: db
		.update(apiToken)
		.set({ lastUsedAt: now })
		.where(eq(apiToken.tokenHash, sql.placeholder('hash')))
		.prepare()
}));

/** Start a session; returns the token for the cookie. Expired sessions are cleared on the way. */
export function createSession(db: Db, userId: number): { token: string; expires: Date } {
	const token = newToken();
	const expires = new Date(Date.now() + SESSION_DAYS * DAY);
	// Sign-ins are rare, so this is the cheap moment to keep the table from growing forever.
	db.delete(session).where(lte(session.expiresAt, nowIso())).run();
	db.insert(session)
		.values({ id: hashToken(token), userId, expiresAt: expires.toISOString() })
		.run();
	return { token, expires };
}

/** The signed-in user for a session cookie, if the session exists and has not expired. */
export function userForSession(db: Db, token: string | undefined): User | null {
	if (!token) return null;
	return statements(db).userForSession.get({ id: hashToken(token), now: nowIso() }) ?? null;
}

export function endSession(db: Db, token: string): void {
	db.delete(session)
		.where(eq(session.id, hashToken(token)))
		.run();
}

/** A new API token for scripts; shown once, stored hashed. */
export function createApiToken(db: Db, userId: number, label: string | null = null): string {
	const token = newToken('tl_');
	db.insert(apiToken)
		.values({ userId, tokenHash: hashToken(token), label })
		.run();
	return token;
}

/** The user for a bearer token, unless revoked. */
export function userForApiToken(db: Db, token: string): User | null {
	return statements(db).userForApiToken.get({ hash: hashToken(token) }) ?? null;
}

/** Record that a token was used now (a write of its own, so reading a token never waits on one). */
export function recordApiTokenUse(db: Db, token: string): void {
	statements(db).recordApiTokenUse.run({ hash: hashToken(token) });
}

/** Revoke every token of a user; returns how many were revoked. */
export function revokeApiTokens(db: Db, userId: number): number {
	return db
		.update(apiToken)
		.set({ revokedAt: now })
		.where(and(eq(apiToken.userId, userId), isNull(apiToken.revokedAt)))
		.run().changes;
}
