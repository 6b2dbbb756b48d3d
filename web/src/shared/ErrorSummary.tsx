import type { TargetedMouseEvent } from "preact";

import { t } from "./i18n/i18n";

type Props = {
	/** The messages to list, in the order of their fields on the page. */
	problems: Array<{ fieldId: string; message: string }>;
};

/** "Check 2 fields" at the top of a form, each message a link that moves focus to its field. */
export function ErrorSummary({ problems }: Props) {
	if (problems.length === 0) return null;
	function focusField(event: TargetedMouseEvent<HTMLAnchorElement>, id: string) {
		event.preventDefault();
		document.getElementById(id)?.focus();
	}
	return (
		<div class="notice notice-error error-summary">
			<h2 class="error-summary-title">{t("form.checkFields", { count: problems.length })}</h2>
			<ul>
				{problems.map((p) => (
					<li key={p.fieldId}>
						<a href={`#${p.fieldId}`} onClick={(e) => focusField(e, p.fieldId)}>
							{p.message}
						</a>
					</li>
				))}
			</ul>
		</div>
	);
}
