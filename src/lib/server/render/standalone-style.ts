/**
 * The styles a standalone chart SVG carries inside itself. TrendChart's component styles live in
 * the page's CSS, which a downloaded file does not have; these rules restate them with plain
 * colours (no CSS variables: resvg and Word ignore them). A constant: never user text.
 */

/** Fonts in order of preference; DejaVu Sans is the font shipped for PNG rendering. */
export const FONT_FAMILY = "'DejaVu Sans', Verdana, 'Segoe UI', Roboto, Arial, sans-serif";

export const STANDALONE_CSS = [
	`svg { font-family: ${FONT_FAMILY}; }`,
	// No rule for all text: a stylesheet would beat the series colours set as attributes.
	'.title { font-size: 20px; font-weight: bold; fill: #1a1a1a; }',
	'.subtitle, .source { font-size: 12px; fill: #5c5c5c; }',
	'.axis text { fill: #5c5c5c; font-family: inherit; }',
	'.grid { stroke: #e3e3e3; }',
	'.zero, .baseline, .tick { stroke: #5c5c5c; }',
	'.series-line { stroke-width: 2; stroke-linejoin: round; opacity: 0.85; }',
	'.whisker { stroke-width: 1; opacity: 0.45; }',
	// As TrendChart's own rules: the band lets the polls and the other leaders show through.
	'.band { opacity: 0.16; }',
	'circle { stroke: #ffffff; stroke-width: 1.5; fill-opacity: 0.75; }',
	'.line-label { font-weight: bold; }',
	// News events: thin rules under the lines, numbered markers above them, the key below.
	'.event-rule { stroke: #5c5c5c; stroke-width: 1; opacity: 0.45; }',
	'.event-span { fill: #5c5c5c; opacity: 0.08; }',
	'.marker-stem { stroke: #5c5c5c; stroke-width: 1; }',
	'.marker { fill: #1a1a1a; stroke: #ffffff; stroke-width: 1.5; }',
	'.marker-text { fill: #ffffff; font-weight: bold; }',
	'.key-marker { fill: #1a1a1a; }',
	'.key-number { fill: #ffffff; font-size: 11px; font-weight: bold; }',
	'.key-text { fill: #1a1a1a; font-size: 12px; }'
].join('\n');

/**
 * Break text into lines of at most `maxChars` characters at spaces (SVG text does not wrap).
 * An estimate by characters, not measured glyphs: generous enough for DejaVu Sans.
 */
export function wrapLines(text: string, maxChars: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		if (line && line.length + 1 + word.length > maxChars) {
			lines.push(line);
			line = word;
		} else {
			line = line ? `${line} ${word}` : word;
		}
	}
	if (line) lines.push(line);
	return lines;
}
