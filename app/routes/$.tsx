// Every unknown path answers a real 404 with the site's frame.
export function loader() {
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return null;
}
