// Overlapping loads of one view: only the newest may draw.

/**
 * Each call starts a load and returns whether that load is still the newest. A response that
 * arrives after a later load began (a filter changed, another view opened, while the first list was
 * still on its way) is dropped instead of being drawn over what the staff member now looks at.
 * @returns {() => () => boolean}
 */
export function latestOnly() {
  let latest = 0;
  return () => {
    const mine = ++latest;
    return () => mine === latest;
  };
}
