/**
 * "1 poll", "2 polls", "1,204 polls": a count with its noun in the right number, for labels a
 * reader sees (buttons, summaries). English only, like the rest of the interface; `many` is for
 * nouns whose plural is not noun + "s".
 */
export function plural(n: number, one: string, many = `${one}s`): string {
	return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
