// The chart is complete in the server's HTML: the embed page ships no app JavaScript at all,
// only the small static /embed.js for resizing and tooltips.
export const csr = false;
