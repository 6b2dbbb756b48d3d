/**
 * "Chrome on Android", "Safari on iPhone", "Edge on Windows": a browser's User-Agent header as a
 * dispatcher reads it beside a sign-in. Order matters: Edge and Opera say "Chrome", Chrome on
 * iOS says "Safari", and every Android browser says "Linux". Null when there is no header.
 */
export function describeUserAgent(userAgent: string | null | undefined): string | null {
	const ua = userAgent?.trim();
	if (!ua) return null;
	const browser = browserOf(ua);
	const system = systemOf(ua);
	if (browser && system) return `${browser} on ${system}`;
	return browser ?? system ?? "Unknown browser";
}

const BROWSERS: Array<[RegExp, string]> = [
	[/\bEdg(?:e|A|iOS)?\//, "Edge"],
	[/\b(?:OPR|Opera|OPT)\//, "Opera"],
	[/\bSamsungBrowser\//, "Samsung Internet"],
	[/\b(?:Firefox|FxiOS)\//, "Firefox"],
	[/(?:\b|Headless)(?:Chrome|CriOS|Chromium)\//, "Chrome"],
	[/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
	[/\b(?:iPhone|iPad)\b.*AppleWebKit/, "Safari"],
	[/\bcurl\//, "curl"],
];

const SYSTEMS: Array<[RegExp, string]> = [
	[/\biPhone\b/, "iPhone"],
	[/\biPad\b/, "iPad"],
	[/\bAndroid\b/, "Android"],
	[/\bCrOS\b/, "ChromeOS"],
	[/\bWindows\b/, "Windows"],
	[/\bMac OS X\b|\bMacintosh\b/, "Mac"],
	[/\bLinux\b/, "Linux"],
];

const browserOf = (ua: string) => BROWSERS.find(([pattern]) => pattern.test(ua))?.[1] ?? null;
const systemOf = (ua: string) => SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1] ?? null;
