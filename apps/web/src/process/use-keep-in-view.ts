import { useReactFlow } from '@xyflow/react';
import { type RefObject, useEffect } from 'react';
import { SHAPE_ROOM } from './layout.js';
import { keepInView } from './reveal.js';

/** Keeps the shapes in sight when the canvas changes size (see `keepInView`). */
export function useKeepInView(wrapper: RefObject<HTMLElement | null>, minZoom: number): void {
  const flow = useReactFlow();
  useEffect(() => {
    const element = wrapper.current;
    if (!element) return;
    let last = { width: element.clientWidth, height: element.clientHeight };
    const observer = new ResizeObserver(() => {
      const before = last;
      last = { width: element.clientWidth, height: element.clientHeight };
      if (!flow.viewportInitialized || (last.width === before.width && last.height === before.height)) return;
      const shapes = flow.getNodes().map((n) => ({
        ...n.position,
        width: n.measured?.width ?? SHAPE_ROOM.width,
        height: n.measured?.height ?? SHAPE_ROOM.height,
      }));
      void flow.setViewport(keepInView(flow.getViewport(), before, last, shapes, minZoom));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [wrapper, flow, minZoom]);
}
