import type { MetaFunction } from "@remix-run/node";
import { TextPage } from "../components/text-page";
import { READ_ONLY_PAGE } from "../components/hydration";

// Read, not used: the page ships no JavaScript (components/hydration.ts).
export const handle = READ_ONLY_PAGE;

export const meta: MetaFunction = () => [{ title: "Erklärung zur Barrierefreiheit" }];

export default function Accessibility() {
  return <TextPage title="a11y.title" paragraphs={["a11y.body1", "a11y.body2", "a11y.body3"]} />;
}
