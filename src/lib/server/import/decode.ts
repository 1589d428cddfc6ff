/**
 * Bytes to text. Pollsters publish UTF-8 with or without a byte-order mark, UTF-16 from Excel's
 * "Unicode text", and Windows-1251 (Cyrillic) or Windows-1252 (Western) from older Excel. The
 * encoding is detected from the first bytes (BOM, NUL pattern, UTF-8 validity, then chardet)
 * and can always be overridden by the user.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { ENCODINGS, type Encoding } from './types';

/** How many leading bytes detection looks at; big files are detected from their start. */
export const SNIFF_BYTES = 64 * 1024;

export type EncodingGuess = { encoding: Encoding; reason: string } | { binary: true };

function bom(bytes: Buffer): Encoding | null {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
	return null;
}

/**
 * UTF-16 without a BOM shows as NUL bytes in every other position for Latin text. Cyrillic text
 * (U+0400-U+04FF) has 0x04 there instead, and NULs only for its digits, spaces and delimiters:
 * a file of them is UTF-16 when the high bytes of (nearly) every character are 0x00 or 0x04,
 * which in a single-byte file would be NULs and control characters.
 */
function utf16ByNuls(bytes: Buffer): Encoding | null {
	const n = Math.min(bytes.length, 4096) & ~1;
	let even = 0;
	let odd = 0;
	let evenHigh = 0;
	let oddHigh = 0;
	for (let i = 0; i < n; i += 2) {
		if (bytes[i] === 0) even++;
		if (bytes[i + 1] === 0) odd++;
		if (bytes[i] === 0 || bytes[i] === 4) evenHigh++;
		if (bytes[i + 1] === 0 || bytes[i + 1] === 4) oddHigh++;
	}
	const chars = n / 2;
	if (odd > chars / 3 && even === 0) return 'utf-16le';
	if (even > chars / 3 && odd === 0) return 'utf-16be';
	if (chars >= 8 && odd > 0 && even === 0 && oddHigh >= chars * 0.95) return 'utf-16le';
	if (chars >= 8 && even > 0 && odd === 0 && evenHigh >= chars * 0.95) return 'utf-16be';
	return null;
}

/** Control bytes that never occur in a text file (NUL, and most of 0x01-0x1F). */
function looksBinary(bytes: Buffer): boolean {
	const n = Math.min(bytes.length, 4096);
	let control = 0;
	for (let i = 0; i < n; i++) {
		const b = bytes[i];
		if (b === 0) return true;
		if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
	}
	return control > n / 100;
}

function validUtf8(bytes: Buffer): boolean {
	// The sniffed window may cut a multi-byte character in two: drop up to 3 trailing bytes.
	let end = bytes.length;
	if (bytes.length === SNIFF_BYTES) {
		while (end > bytes.length - 4 && end > 0 && (bytes[end - 1] & 0xc0) === 0x80) end--;
		if (end > 0 && bytes[end - 1] >= 0xc0) end--;
	}
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
		return true;
	} catch {
		return false;
	}
}

/**
 * In Windows-1251 every Cyrillic letter is a byte of 0xC0-0xFF, so Cyrillic words are runs of
 * such bytes; in Windows-1252 they are accented Latin letters, mostly alone inside ASCII words
 * ("Société"). The share of high bytes that sit in runs of three or more tells them apart;
 * null when there are too few to judge.
 */
function cyrillicShare(bytes: Buffer): number | null {
	let high = 0;
	let inRuns = 0;
	let run = 0;
	for (let i = 0; i <= bytes.length; i++) {
		if (i < bytes.length && bytes[i] >= 0xc0) {
			run++;
			high++;
			continue;
		}
		if (run >= 3) inRuns += run;
		run = 0;
	}
	return high < 8 ? null : inRuns / high;
}

/** Guess the encoding of a file from its first bytes. */
export function detectEncoding(head: Buffer): EncodingGuess {
	const fromBom = bom(head);
	if (fromBom) return { encoding: fromBom, reason: 'byte-order mark' };
	const utf16 = utf16ByNuls(head);
	if (utf16) return { encoding: utf16, reason: 'NUL bytes between characters' };
	if (looksBinary(head)) return { binary: true };
	if (validUtf8(head)) return { encoding: 'utf-8', reason: 'valid UTF-8' };
	const letters = cyrillicShare(head);
	if (letters !== null) {
		return letters > 0.5
			? { encoding: 'windows-1251', reason: 'Cyrillic single-byte text' }
			: { encoding: 'windows-1252', reason: 'Western single-byte text' };
	}
	const guesses = chardet.analyse(head).map((g) => g.name.toLowerCase());
	const cyrillic = guesses.find(
		(g) => g === 'windows-1251' || g === 'koi8-r' || g === 'iso-8859-5'
	);
	const western = guesses.find((g) => g === 'windows-1252' || g === 'iso-8859-1');
	if (cyrillic && (!western || guesses.indexOf(cyrillic) < guesses.indexOf(western))) {
		return { encoding: 'windows-1251', reason: 'Cyrillic single-byte text' };
	}
	return { encoding: 'windows-1252', reason: 'Western single-byte text' };
}

/** The canonical name of an encoding the user typed, or null when unsupported. */
export function normaliseEncoding(name: string): Encoding | null {
	const n = name.trim().toLowerCase().replace(/_/g, '-');
	const aliases: Record<string, Encoding> = {
		utf8: 'utf-8',
		cp1251: 'windows-1251',
		cp1252: 'windows-1252',
		utf16le: 'utf-16le',
		utf16be: 'utf-16be',
		latin1: 'windows-1252',
		'iso-8859-1': 'windows-1252'
	};
	if ((ENCODINGS as readonly string[]).includes(n)) return n as Encoding;
	return aliases[n.replace(/-/g, '')] ?? aliases[n] ?? null;
}

/** Decode a whole buffer; the byte-order mark is dropped. */
export function decodeBuffer(content: Buffer, encoding: Encoding): string {
	return iconv.decode(content, encoding, { stripBOM: true });
}

/** A decoder for streamed chunks, which keeps characters cut between chunks intact. */
export function chunkDecoder(encoding: Encoding) {
	return iconv.getDecoder(encoding, { stripBOM: true });
}
