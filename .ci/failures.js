// Prints each failed (or flaky) test of a vitest or Playwright JSON report as one line, with the
// first line of its error: .ci/run repeats them just before its last line, since a CI log is
// often read from its tail only. Prints nothing for a missing or unreadable report.
import fs from 'node:fs';

const [report, label] = process.argv.slice(2);
let r;
try {
	r = JSON.parse(fs.readFileSync(report, 'utf8'));
} catch {
	process.exit(0);
}

const firstLine = (text) =>
	String(text ?? '')
		// eslint-disable-next-line no-control-regex -- colour codes in Playwright's messages
		.replace(/\u001b\[[0-9;]*m/g, '')
		.split('\n')
		.map((line) => line.trim())
		.find(Boolean) ?? '';

const lines = [];
if (r.suites) {
	// Playwright: suites nest; a test that failed and then passed on a retry is "flaky".
	const walk = (suite, path) => {
		for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
		for (const spec of suite.specs ?? []) {
			for (const test of spec.tests) {
				if (test.status === 'expected' || test.status === 'skipped') continue;
				const error = test.results.flatMap((result) => result.errors ?? [])[0];
				lines.push(
					`${[...path, spec.title].join(' > ')} (${test.status}): ${firstLine(error?.message)}`
				);
			}
		}
	};
	for (const suite of r.suites) walk(suite, [suite.title]);
} else {
	for (const file of r.testResults ?? []) {
		for (const test of file.assertionResults ?? []) {
			if (test.status !== 'failed') continue;
			lines.push(`${file.name} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
		}
		if (
			file.status === 'failed' &&
			!(file.assertionResults ?? []).some((t) => t.status === 'failed')
		)
			lines.push(`${file.name}: ${firstLine(file.message)}`);
	}
}
for (const line of lines) console.log(`${label}: ${line.slice(0, 400)}`);
