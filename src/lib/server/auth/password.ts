/** Password hashing with scrypt (Node's crypto): salted, memory-hard, compared in constant time. */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
	new Promise<Buffer>((resolve, reject) =>
		scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key)))
	);

const PARAMS = { N: 16384, r: 8, p: 1 };
const KEYLEN = 64;

/** "scrypt$N$r$p$salt$hash", all that is needed to verify later even if defaults change. */
export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const key = await scrypt(password, salt, KEYLEN, PARAMS);
	return [
		'scrypt',
		PARAMS.N,
		PARAMS.r,
		PARAMS.p,
		salt.toString('base64'),
		key.toString('base64')
	].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [kind, N, r, p, salt, hash] = stored.split('$');
	if (kind !== 'scrypt') return false;
	const expected = Buffer.from(hash, 'base64');
	const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
		N: Number(N),
		r: Number(r),
		p: Number(p)
	});
	return timingSafeEqual(key, expected);
}
