/**
 * The saved-chart forms' fields (save, edit), checked the same way for both: a title of 1-120
 * characters, a description under 1000, no forbidden characters (security/text.ts), and the
 * save form's choice between following new data and keeping the data as saved.
 */
import { forbiddenCharacterProblem } from '../security/text';
import { CHART_MODES, type ChartMode, type ChartText } from '../queries/charts';

/** The form's text back, with what is wrong with it (null when nothing is). */
export interface ChartTextForm {
	title: string;
	description: string;
	error: string | null;
}

/** Read and check a chart's title and description from a form. */
export function readChartText(form: FormData): ChartTextForm {
	const title = String(form.get('title') ?? '').trim();
	const description = String(form.get('description') ?? '').trim();
	return { title, description, error: chartTextProblem({ title, description }) };
}

function chartTextProblem({ title, description }: ChartText): string | null {
	if (!title || title.length > 120) return 'Give the chart a title (1-120 characters).';
	const forbidden =
		forbiddenCharacterProblem(title) ?? forbiddenCharacterProblem(description ?? '');
	if (forbidden) return `${forbidden}.`;
	if ((description ?? '').length > 1000) return 'Keep the description under 1000 characters.';
	return null;
}

/** The save form's "data" choice; following new data unless "frozen" is chosen. */
export function readChartMode(form: FormData): ChartMode | null {
	const value = String(form.get('mode') ?? 'live');
	return CHART_MODES.find((m) => m === value) ?? null;
}
