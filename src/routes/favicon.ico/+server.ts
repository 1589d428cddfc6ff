/**
 * GET /favicon.ico: the site's icon is /favicon.svg, which every app page names in its head. A
 * document that names none (a chart SVG or a published chart page opened in a tab) makes the
 * browser ask for /favicon.ico, which was a 404 page: HTML, with the app's scripts named in its
 * `Link` header, which Chromium 150 then tried to load under that document's script-free policy
 * (a console error per script). Now it is the icon.
 */
import { redirect } from '@sveltejs/kit';

export const GET = () => redirect(308, '/favicon.svg');
