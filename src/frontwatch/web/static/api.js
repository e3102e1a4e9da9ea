// Thin fetch helpers; a token (when reads are protected) is kept in localStorage.
export async function getJSON(path) {
  const headers = {};
  const token = window.localStorage.getItem("frontwatch-token");
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(path, { headers });
  if (response.status === 401) {
    const given = window.prompt("This server needs its API token to show data:");
    if (given) {
      window.localStorage.setItem("frontwatch-token", given);
      return getJSON(path);
    }
  }
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = (await response.json()).detail || detail; } catch (_) { /* not JSON */ }
    throw new Error(`${path}: ${detail}`);
  }
  return response.json();
}
