/** Types shared by the server and the browser: plain rows, no database handles. */

export const MEASURES = [
	'trust',
	'distrust',
	'net_trust',
	'dont_know',
	'not_aware',
	'approve',
	'disapprove',
	'favourable',
	'unfavourable',
	'vote_intention'
] as const;
export type Measure = (typeof MEASURES)[number];

/** How each measure is named to people. */
export const MEASURE_LABELS: Record<Measure, string> = {
	trust: 'Trust',
	distrust: 'Distrust',
	net_trust: 'Net trust (trust minus distrust)',
	dont_know: "Don't know",
	not_aware: 'Not aware of them',
	approve: 'Approve',
	disapprove: 'Disapprove',
	favourable: 'Favourable',
	unfavourable: 'Unfavourable',
	vote_intention: 'Vote intention'
};

export type DatePrecision = 'day' | 'month' | 'year';
export type LeaderRole = 'political' | 'military' | 'institution' | 'other';

/** One plotted poll value, with everything needed to trace it to its source. */
export interface PollPoint {
	pollId: number;
	leaderSlug: string;
	leaderName: string;
	measure: Measure;
	value: number;
	pollster: string;
	fieldworkStart: string;
	fieldworkEnd: string;
	midDate: string;
	datePrecision: DatePrecision;
	sampleSize: number | null;
	mode: string | null;
	question: string;
	questionKey: string;
	sourceUrl: string | null;
	datasetId: number;
	/** For net trust: the poll's trust and distrust, when it published them. */
	trust?: number | null;
	distrust?: number | null;
	/** For net trust: true when computed here as trust minus distrust, not published. */
	derived?: boolean;
}

export interface LeaderSummary {
	slug: string;
	name: string;
	role: LeaderRole;
	pollCount: number;
	/** Other spellings (Latin and Cyrillic) that find this leader. */
	aliases?: string[];
}

/**
 * A problem found in a file, as problem lists show it: an import's problems, or those accepted
 * (e.g. a skipped row) and stored on the dataset. A null row is about the whole file.
 */
export interface FileProblem {
	file?: string;
	row?: number | null;
	column?: string | null;
	value?: string | null;
	message: string;
	severity?: string;
}
