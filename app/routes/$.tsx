// Every unknown path answers a real 404 with the site's frame.
import { READ_ONLY_PAGE } from "../components/hydration";

// Read, not used: the page ships no JavaScript (components/hydration.ts).
export const handle = READ_ONLY_PAGE;

export function loader() {
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return null;
}
