import { useReactFlow } from '@xyflow/react';
import { type RefObject, useEffect } from 'react';
import { SHAPE_ROOM } from './layout.js';
import { keepInView, type NarrowedView, viewToRestore } from './reveal.js';

/**
 * Below this the canvas is being laid out or hidden, not looked at: fitting the shapes into it
 * would zoom the view all the way out, and it would stay so once the canvas is back.
 */
const SMALLEST = { width: 200, height: 120 };

/**
 * Keeps the shapes in sight when the canvas changes size (see `keepInView`); when it gets its room
 * back (the inspector closed), the view it had before is restored, unless the person moved it since.
 */
export function useKeepInView(wrapper: RefObject<HTMLElement | null>, minZoom: number): void {
  const flow = useReactFlow();
  useEffect(() => {
    const element = wrapper.current;
    if (!element) return;
    let last = { width: element.clientWidth, height: element.clientHeight };
    let narrowed: NarrowedView | undefined;
    const observer = new ResizeObserver(() => {
      const size = { width: element.clientWidth, height: element.clientHeight };
      if (size.width < SMALLEST.width || size.height < SMALLEST.height) return;
      const before = last;
      last = size;
      const unchanged = size.width === before.width && size.height === before.height;
      const hidden = before.width < SMALLEST.width || before.height < SMALLEST.height;
      if (unchanged || hidden || !flow.viewportInitialized) return;
      const current = flow.getViewport();
      const restored = viewToRestore(narrowed, size, current);
      if (restored) {
        narrowed = undefined;
        void flow.setViewport(restored);
        return;
      }
      const shapes = flow.getNodes().map((n) => ({
        ...n.position,
        width: n.measured?.width ?? SHAPE_ROOM.width,
        height: n.measured?.height ?? SHAPE_ROOM.height,
      }));
      const given = keepInView(current, before, size, shapes, minZoom);
      const narrower = size.width <= before.width && size.height <= before.height;
      narrowed = narrower ? { size: before, before: current, given } : undefined;
      void flow.setViewport(given);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [wrapper, flow, minZoom]);
}
