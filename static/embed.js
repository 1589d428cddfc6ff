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
		function show(circle) {
			var text = circle && circle.querySelector('title');
			// Never over an event's popup or list (open while its marker is hovered or focused).
			if (!text || root.querySelector('.event-group:hover, .event-group:has(:focus-visible)'))
				return;
			tip.textContent = text.textContent;
			tip.hidden = false;
			var box = circle.getBoundingClientRect();
			var rootBox = root.getBoundingClientRect();
			tip.style.left = Math.max(0, Math.min(box.left - rootBox.left, rootBox.width - 260)) + 'px';
			tip.style.top = box.bottom - rootBox.top + 6 + 'px';
		}
		root.addEventListener('pointerover', function (e) {
			show(e.target && e.target.closest && e.target.closest('circle'));
		});
		root.addEventListener('pointerout', function (e) {
			if (e.target && e.target.closest && e.target.closest('circle')) tip.hidden = true;
		});
		// The keyboard's poll gets the same tooltip (its link's name is what a screen reader reads).
		root.addEventListener('focusin', function (e) {
			var poll = e.target && e.target.closest && e.target.closest('.poll a');
			if (poll) show(poll.querySelector('circle'));
		});
		root.addEventListener('focusout', function () {
			tip.hidden = true;
		});
	}

	// The chart's polls and its event markers are one tab stop each (roving tabindex, set by the
	// server): the arrow keys move between polls (left/right along a leader, up/down to the other
	// leaders' poll nearest in time) and between markers, Home/End to the ends.
	function rovingFocus() {
		var root = document.querySelector('[data-trustline-embed-page]');
		if (!root) return;
		function move(from, to) {
			if (!to || to === from) return;
			from.setAttribute('tabindex', '-1');
			to.setAttribute('tabindex', '0');
			to.focus();
		}
		function cx(link) {
			var c = link.querySelector('circle');
			return c ? Number(c.getAttribute('cx')) : 0;
		}
		function pollTarget(link, key) {
			var svg = link.closest('svg');
			var g = link.closest('.poll');
			var series = Number(g.getAttribute('data-series'));
			var own = svg.querySelectorAll('.poll[data-series="' + series + '"] a');
			var index = Array.prototype.indexOf.call(own, link);
			if (key === 'ArrowRight') return own[index + 1];
			if (key === 'ArrowLeft') return own[index - 1];
			if (key === 'Home') return own[0];
			if (key === 'End') return own[own.length - 1];
			if (key !== 'ArrowUp' && key !== 'ArrowDown') return null;
			var count = svg.querySelectorAll('.poll-dots').length;
			var other = (series + (key === 'ArrowDown' ? 1 : -1) + count) % count;
			var theirs = svg.querySelectorAll('.poll[data-series="' + other + '"] a');
			var x = cx(link);
			var best = null;
			for (var i = 0; i < theirs.length; i++) {
				if (!best || Math.abs(cx(theirs[i]) - x) < Math.abs(cx(best) - x)) best = theirs[i];
			}
			return best;
		}
		function markerTarget(link, key) {
			var all = link.closest('svg').querySelectorAll('a.event-marker');
			var index = Array.prototype.indexOf.call(all, link);
			if (key === 'ArrowRight' || key === 'ArrowDown') return all[index + 1];
			if (key === 'ArrowLeft' || key === 'ArrowUp') return all[index - 1];
			if (key === 'Home') return all[0];
			if (key === 'End') return all[all.length - 1];
			return null;
		}
		root.addEventListener('keydown', function (e) {
			var link = e.target && e.target.closest && e.target.closest('a');
			if (!link || !link.closest('svg')) return;
			var to = link.classList.contains('event-marker')
				? markerTarget(link, e.key)
				: link.closest('.poll')
					? pollTarget(link, e.key)
					: null;
			if (!to) return;
			e.preventDefault();
			move(link, to);
		});
	}

	if (document.querySelector('[data-trustline-embed-page]')) {
		reportHeight();
		tooltips();
		rovingFocus();
	} else {
		window.addEventListener('message', sizeIframes);
		var frames = document.querySelectorAll('iframe[data-trustline-embed]');
		for (var i = 0; i < frames.length; i++) {
			if (frames[i].contentWindow) frames[i].contentWindow.postMessage({ type: ASK }, '*');
		}
	}
})();
