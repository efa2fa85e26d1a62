// The live region (#announce in index.html) a screen reader reads out when
// its text changes: a visually hidden status line, polite (it waits for the
// reader to finish what it is saying).

/** A function writing `text` into the live region. */
export function liveRegion(region = document.getElementById('announce')) {
  return (text) => {
    if (region) region.textContent = text;
  };
}
