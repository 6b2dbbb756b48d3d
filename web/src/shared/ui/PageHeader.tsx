import type { ComponentChildren } from "preact";

type Props = {
	title: ComponentChildren;
	/** Beside the title: a status chip. */
	badge?: ComponentChildren;
	/** One line under the title. */
	description?: ComponentChildren;
	/** Buttons at the end (under the title on phones). */
	actions?: ComponentChildren;
	/** A "back" link above the title. */
	back?: ComponentChildren;
	headingLevel?: 1 | 2;
};

/** The top of a page: its one h1, what it is about, and what can be done from here. */
export function PageHeader({ title, badge, description, actions, back, headingLevel = 1 }: Props) {
	const Heading = headingLevel === 1 ? "h1" : "h2";
	return (
		<div class="ui-page-header">
			{back ? <div class="ui-page-header-back">{back}</div> : null}
			<div class="ui-page-header-main">
				<div class="ui-page-header-text">
					<div class="ui-page-header-title">
						<Heading>{title}</Heading>
						{badge}
					</div>
					{description ? <p class="ui-page-header-description">{description}</p> : null}
				</div>
				{actions ? <div class="ui-page-header-actions">{actions}</div> : null}
			</div>
		</div>
	);
}
