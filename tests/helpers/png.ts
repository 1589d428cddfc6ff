/** A PNG's pixel size, read from its IHDR chunk: enough to check a rendered image decodes. */
export function pngSize(png: Buffer): { width: number; height: number } {
	const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
	if (!signature.every((b, i) => png[i] === b)) throw new Error('Not a PNG file');
	if (png.toString('ascii', 12, 16) !== 'IHDR') throw new Error('PNG without IHDR');
	return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
