/**
 * Colours for leaders. A leader keeps its colour in every view, embed and export: the colour is
 * chosen by the leader's slug, not by its place in the list, and two leaders on one chart never
 * share one (the later slug in alphabetical order steps to the next free colour, so the result
 * does not depend on the order the leaders were picked in).
 *
 * The hues are Okabe-Ito's (distinguishable with the common forms of colour blindness), with the
 * light ones (orange, sky blue, pink) darkened so that every line and dot has at least 3:1
 * contrast against both the light and the dark background (WCAG 1.4.11). Text needs 4.5:1, which
 * no single mid-tone reaches on both backgrounds, so each colour has a label variant per theme.
 */
import { lab, rgb } from 'd3';
import { avalanche } from './hash';

/** Line and dot colours; ≥ 3:1 against LIGHT_BG and DARK_BG (checked in tests). */
export const PALETTE = [
	'#0072B2',
	'#D55E00',
	'#009E73',
	'#C0679A',
	'#B97F00',
	'#3C8DC4',
	'#8C6D31',
	'#7F7F7F'
] as const;

/** The page backgrounds of the two themes (app.css `--bg`); exports are drawn on the light one. */
export const LIGHT_BG = '#ffffff';
export const DARK_BG = '#15181c';

/** WCAG relative luminance of a CSS colour. */
export function luminance(colour: string): number {
	const c = rgb(colour);
	const lin = (v: number) => {
		const s = v / 255;
		return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

/** WCAG contrast ratio between two colours (1 to 21). */
export function contrast(a: string, b: string): number {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}

/**
 * `colour` made darker (on a light background) or lighter (on a dark one), in CIELAB lightness
 * so the hue stays, just enough for `ratio` contrast against `bg`: a label in its line's colour.
 */
export function textVariant(colour: string, bg: string, ratio = 4.5): string {
	const towardsDark = luminance(bg) > 0.18;
	const c = lab(colour);
	for (let step = 0; step <= 100 && contrast(c.formatHex(), bg) < ratio; step++) {
		c.l += towardsDark ? -1 : 1;
	}
	return c.formatHex();
}

/** A leader's colours: `line` for lines, bands and dots; `label` for text in light and dark. */
export interface SeriesColours {
	line: string;
	label: { light: string; dark: string };
}

/**
 * Worked out on first use, not when the module loads: the browser loads this module while the page
 * starts (about 4 ms of a phone's start-up, four times that at Lighthouse's slowdown), and a page
 * kept as served draws no label there.
 */
let variants: SeriesColours[] | undefined;

/** The label variants of a line colour from PALETTE (the colour itself for any other). */
export function labelColours(line: string): { light: string; dark: string } {
	variants ??= PALETTE.map((colour) => ({
		line: colour,
		label: { light: textVariant(colour, LIGHT_BG), dark: textVariant(colour, DARK_BG) }
	}));
	return variants.find((v) => v.line === line)?.label ?? { light: line, dark: line };
}

/**
 * FNV-1a with murmur3's final mix (FNV's low bits alone barely vary): a small, stable string
 * hash, the same in every browser and on the server.
 */
function hash(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return avalanche(h);
}

/**
 * A seed for the hash, picked once so that the sample's most-compared leaders (Zelensky,
 * Zaluzhnyi, Syrskyi, Budanov, Poroshenko, Klitschko) get six different colours, Zelensky and
 * Zaluzhnyi the two most distinct. Changing it recolours every leader: don't.
 */
const SEED = '766:';

/** The colour a leader (or a gap series, by its key) gets when no other leader on the chart has it. */
export function preferredColour(slug: string): number {
	return hash(SEED + slug) % PALETTE.length;
}

/**
 * Colours for the series `slugs` of one chart, by slug: each its preferred colour, and on a
 * collision the alphabetically later slug takes the next free one. Charts of more leaders than
 * colours reuse colours only once all are taken.
 */
export function assignColours(slugs: string[]): Map<string, string> {
	const taken = new Set<number>();
	const result = new Map<string, string>();
	for (const slug of [...new Set(slugs)].sort()) {
		let i = preferredColour(slug);
		for (let k = 0; k < PALETTE.length && taken.has(i); k++) i = (i + 1) % PALETTE.length;
		if (taken.size >= PALETTE.length) taken.clear();
		taken.add(i);
		result.set(slug, PALETTE[i]);
	}
	return result;
}
