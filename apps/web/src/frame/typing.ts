/** Whether a key event comes from a field being typed in: its keys (Ctrl+Z too) belong to the field. */
export const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
