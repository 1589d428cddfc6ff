/*
 * Trustline embed helper (static, no dependencies, no inline script needed).
 *
 * On a host page, next to <iframe data-trustline-embed src=".../embed?...">: listens for the
 * chart's height and sizes the iframe to it. Inside the embed page itself: reports the page's
 * height to the parent whenever it changes, and shows a tooltip for the dot under the pointer.
 * Without this script the iframe keeps its height attribute and the chart still shows whole.
 */
(function () {
	'use strict';
	var MESSAGE = 'trustline:height';
	var ASK = 'trustline:ask-height';

	function sizeIframes(event) {
		var data = event.data;
		if (!data || data.type !== MESSAGE || typeof data.height !== 'number') return;
		var frames = document.querySelectorAll('iframe[data-trustline-embed]');
		for (var i = 0; i < frames.length; i++) {
			var frame = frames[i];
			if (frame.contentWindow !== event.source) continue;
			var origin;
			try {
				origin = new URL(frame.src, location.href).origin;
			} catch {
				continue;
			}
			if (origin !== event.origin) continue;
			frame.style.height = Math.ceil(Math.min(data.height, 5000)) + 'px';
		}
	}

	function reportHeight() {
		var root = document.querySelector('[data-trustline-embed-page]');
		if (!root || window.parent === window) return;
		var last = 0;
		function post() {
			var height = Math.ceil(root.getBoundingClientRect().height);
			if (height === last) return;
			last = height;
			window.parent.postMessage({ type: MESSAGE, height: height, href: location.href }, '*');
		}
		post();
		if (window.ResizeObserver) new ResizeObserver(post).observe(root);
		window.addEventListener('load', post);
		// The host's script may load after our first report: it asks, we answer again.
		window.addEventListener('message', function (e) {
			if (e.source !== window.parent || !e.data || e.data.type !== ASK) return;
			last = 0;
			post();
		});
	}

	function tooltips() {
		var root = document.querySelector('[data-trustline-embed-page]');
		if (!root) return;
		var tip = document.createElement('div');
		tip.className = 'embed-tooltip';
		tip.setAttribute('role', 'status');
		tip.hidden = true;
		root.appendChild(tip);
		root.addEventListener('pointerover', function (e) {
			var title = e.target && e.target.closest && e.target.closest('circle');
			var text = title && title.querySelector('title');
			// Never over an event's popup or list (open while its marker is hovered or focused).
			if (!text || root.querySelector('.event-group:hover, .event-group:has(:focus-visible)'))
				return;
			tip.textContent = text.textContent;
			tip.hidden = false;
			var box = title.getBoundingClientRect();
			var rootBox = root.getBoundingClientRect();
			tip.style.left = Math.max(0, Math.min(box.left - rootBox.left, rootBox.width - 260)) + 'px';
			tip.style.top = box.bottom - rootBox.top + 6 + 'px';
		});
		root.addEventListener('pointerout', function (e) {
			if (e.target && e.target.closest && e.target.closest('circle')) tip.hidden = true;
		});
	}

	if (document.querySelector('[data-trustline-embed-page]')) {
		reportHeight();
		tooltips();
	} else {
		window.addEventListener('message', sizeIframes);
		var frames = document.querySelectorAll('iframe[data-trustline-embed]');
		for (var i = 0; i < frames.length; i++) {
			if (frames[i].contentWindow) frames[i].contentWindow.postMessage({ type: ASK }, '*');
		}
	}
})();
