// The one handle a webview has on the extension: post, receive (checked by the protocol's
// parser), and the small state VS Code keeps for the serializer.

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface Ipc<In, Out> {
  post(message: Out): void;
  onMessage(handler: (message: In) => void): void;
  getState(): unknown;
  setState(state: unknown): void;
}

/** `parse` returns undefined for anything malformed; such messages are dropped and reported. */
export function connect<In, Out>(parse: (raw: unknown) => In | undefined): Ipc<In, Out> {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    onMessage(handler) {
      window.addEventListener('message', (event: MessageEvent<unknown>) => {
        const message = parse(event.data);
        if (message) handler(message);
        else console.warn('ML Monitor: dropped a malformed message from the extension', event.data);
      });
    },
    getState: () => api.getState(),
    setState: (state) => api.setState(state),
  };
}
