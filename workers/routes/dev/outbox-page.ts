import type { OutboxEmail } from "../../email/outbox";
import { escapeHtml } from "../../email/templates/layout";

const URL_IN_TEXT = /https?:\/\/[^\s<>"']+/g;

/** The development outbox as one script-free page, newest email first. */
export function renderOutboxPage(emails: OutboxEmail[]): string {
	const items = emails.length
		? emails.map(renderEmail).join("\n")
		: "<p>No emails yet. Ask for a sign-in link and it appears here.</p>";
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Outbox (development)</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #1f2933; }
article { border: 1px solid #cbd2d9; border-radius: 8px; padding: 1rem; margin: 0 0 1.5rem; }
h2 { font-size: 1.15rem; margin: 0 0 0.5rem; overflow-wrap: anywhere; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0 0 1rem; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f4f5f7; padding: 0.75rem; border-radius: 6px; }
iframe { width: 100%; height: 32rem; border: 1px solid #cbd2d9; border-radius: 6px; }
</style>
</head>
<body>
<h1>Outbox</h1>
<p>Emails the app would have sent, newest first. This page exists only in development.</p>
${items}
</body>
</html>`;
}

function renderEmail(email: OutboxEmail): string {
	const subject = escapeHtml(email.subject);
	return `<article>
<h2>${subject}</h2>
<dl>
<dt>To</dt><dd>${escapeHtml(email.to)}</dd>
<dt>Sent</dt><dd><time datetime="${escapeHtml(email.sentAt)}">${escapeHtml(email.sentAt)}</time></dd>
${Object.entries(email.headers)
	.map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd><code>${escapeHtml(value)}</code></dd>`)
	.join("\n")}
</dl>
<pre>${linkify(email.text)}</pre>
<iframe sandbox title="HTML part: ${subject}" srcdoc="${escapeHtml(email.html)}"></iframe>
</article>`;
}

/** Escapes text and turns each http(s) URL in it into a link, leaving trailing punctuation outside. */
export function linkify(text: string): string {
	let html = "";
	let from = 0;
	for (const match of text.matchAll(URL_IN_TEXT)) {
		const url = match[0].replace(/[.,;:!?)\]]+$/, "");
		const start = match.index;
		html += `${escapeHtml(text.slice(from, start))}<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
		from = start + url.length;
	}
	return html + escapeHtml(text.slice(from));
}
