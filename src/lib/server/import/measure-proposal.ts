/**
 * The measure of value columns that do not name one (a wide file's column per leader), read
 * from what the file says about itself: its question column ("trust in person"), the question
 * or title the editor gave, its file name, or a header such as "Довіра до політиків, %". It is a
 * proposal: the plan's notes say where it came from, and the editor's choice replaces it.
 */
import type { Measure } from '../../types';
import { measureInText } from './header-words';
import type { ImportOptions } from './types';

export interface MeasureProposal {
	measure: Measure;
	/** Where it was read, for the notes: 'the question column ("trust in person")'. */
	source: string;
}

/** The one measure every filled sample names, or null when they disagree or name none. */
function measureOfAll(values: string[]): { measure: Measure; text: string } | null {
	const filled = [...new Set(values.filter((v) => v.trim() !== ''))];
	if (filled.length === 0) return null;
	const found = filled.map(measureInText);
	const first = found[0];
	if (!first || found.some((m) => m !== first)) return null;
	return { measure: first, text: filled[0] };
}

const quoted = (text: string) => `"${text.length > 60 ? text.slice(0, 57) + '…' : text}"`;

/**
 * The proposed measure, or null. `questionSamples` are the question column's first values
 * (empty without one); `otherHeaders` the headers that are neither leaders nor measures.
 */
export function proposeMeasure(
	questionSamples: string[],
	otherHeaders: string[],
	options: ImportOptions & { titleLine?: string | null }
): MeasureProposal | null {
	const fromQuestions = measureOfAll(questionSamples);
	if (fromQuestions) {
		return {
			measure: fromQuestions.measure,
			source: `the question column (${quoted(fromQuestions.text)})`
		};
	}
	const named: [string | undefined, string][] = [
		[options.question, 'the question'],
		[options.title, 'the title'],
		[options.titleLine ?? undefined, "the file's title line"],
		[options.fileName.replace(/\.[a-z0-9]+$/i, ''), 'the file name']
	];
	for (const [text, where] of named) {
		const measure = text ? measureInText(text) : null;
		if (measure) return { measure, source: `${where} (${quoted(text!)})` };
	}
	const headers = otherHeaders.map((h) => [h, measureInText(h)] as const).filter(([, m]) => m);
	const measures = new Set(headers.map(([, m]) => m));
	if (measures.size === 1) {
		return { measure: headers[0][1]!, source: `the header ${quoted(headers[0][0])}` };
	}
	return null;
}

/** The note that says the measure was proposed, and how to change it. */
export function proposalNote(p: MeasureProposal): string {
	return `Measure read from ${p.source}: ${p.measure}. Choose another measure if that is wrong`;
}
