// Vite's client types: lets the renderer import its stylesheet (and assets) as modules.
/// <reference types="vite/client" />
