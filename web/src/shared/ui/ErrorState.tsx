import { RefreshCw, TriangleAlert } from "lucide";
import type { ComponentChildren } from "preact";
import { t } from "../i18n/i18n";
import { Button } from "./Button";
import { Icon } from "./Icon";

type Props = {
	title: string;
	/** What went wrong, for people (the API's message). */
	message?: string;
	onRetry: () => void;
	/** While the retry is on its way. */
	retrying?: boolean;
	headingLevel?: 1 | 2 | 3;
	/** Another way out, e.g. a link back. */
	children?: ComponentChildren;
};

/** Something failed to load: what, and a Retry button that loads it again. */
export function ErrorState({ title, message, onRetry, retrying = false, headingLevel = 2, children }: Props) {
	const Heading = headingLevel === 1 ? "h1" : headingLevel === 2 ? "h2" : "h3";
	return (
		<div class="ui-state ui-state-error" role="alert">
			<span class="ui-state-icon">
				<Icon icon={TriangleAlert} size={24} />
			</span>
			<Heading class="ui-state-title">{title}</Heading>
			<p class="ui-state-body">{message ?? t("ui.error.checkConnection")}</p>
			<div class="ui-state-action">
				<Button variant="secondary" icon={RefreshCw} onClick={onRetry} disabled={retrying}>
					{retrying ? t("ui.retrying") : t("ui.retry")}
				</Button>
				{children}
			</div>
		</div>
	);
}
