// Rich-text fields in the page and snippet editors start their Draftail editor when their block
// is opened or they come near the screen, and the rest one by one once the page has loaded, not
// all at once while it loads: a long guide has dozens of them, mostly in collapsed blocks, and
// starting each (a React editor) kept the edit page from answering for seconds. Until it starts,
// a field keeps its value in its hidden input, so saving, previews and autosave send it as it
// was; the widget answers Wagtail's StreamField like Wagtail's own and starts the editor when it
// is asked for more than its value.
(() => {
  if (!window.draftail || !window.telepath || !window.IntersectionObserver) return;
  const Draftail = window.draftail.DraftailRichTextArea;
  const { createEditorStateFromRaw, serialiseEditorStateToRaw } = window.Draftail;

  // Once started, the editor writes its own serialisation of the value into the input, which
  // differs from the server's in layout only. Written after Wagtail has taken its snapshot of
  // the form, that would make an untouched field look edited (unsaved changes, autosave), so
  // while the editor's value means the same as the server's, the input keeps the server's.
  const keepServerValueWhileUnchanged = (input) => {
    const original = input.value;
    let unchanged;
    try {
      const raw = JSON.parse(original);
      unchanged = raw
        ? JSON.stringify(serialiseEditorStateToRaw(createEditorStateFromRaw(raw)))
        : original;
    } catch {
      return;
    }
    const { get, set } = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');
    Object.defineProperty(input, 'value', {
      configurable: true,
      get() {
        return get.call(this);
      },
      set(value) {
        set.call(this, value === unchanged ? original : value);
      },
    });
    if (get.call(input) === unchanged) set.call(input, original);
  };

  const observer = new IntersectionObserver(
    (entries) => {
      entries.forEach((entry) => {
        if (entry.isIntersecting) entry.target.lazyRichText.start();
      });
    },
    { rootMargin: '300px 0px' },
  );

  // Opening a collapsed block starts the editors in it at once: the editor opened it to work in
  // it. The observer covers fields that scroll into view in open blocks, and the idle start
  // below any it misses.
  document.addEventListener('wagtail:panel-toggle', (event) => {
    if (!event.detail || !event.detail.expanded) return;
    const content = document.getElementById(event.target.getAttribute('aria-controls'));
    if (!content) return;
    content.querySelectorAll('[data-rich-text-pending]').forEach((container) => {
      container.lazyRichText.start();
    });
  });

  class LazyRichText {
    constructor(definition, container, name, id, value, parentCapabilities, options) {
      Object.assign(this, { definition, container, name, id, parentCapabilities, options });
      this.bound = null;
      this.invalid = false;
      this.capabilityOptions = [];
      this.input = document.createElement('input');
      this.input.type = 'hidden';
      this.input.id = id;
      this.input.name = name;
      this.input.value = value;
      container.appendChild(this.input);
      container.setAttribute('data-rich-text-pending', '');
      // Room for the editor to come, so the page jumps less when it starts.
      container.style.minHeight = '3rem';
      container.lazyRichText = this;
      observer.observe(container);
    }

    start() {
      if (this.bound) return this.bound;
      observer.unobserve(this.container);
      this.container.removeAttribute('data-rich-text-pending');
      this.container.style.minHeight = '';
      const { value } = this.input;
      this.input.remove();
      this.bound = Draftail.prototype.render.call(
        this.definition,
        this.container,
        this.name,
        this.id,
        value,
        this.parentCapabilities,
        this.options,
      );
      this.input = this.bound.input;
      keepServerValueWhileUnchanged(this.input);
      if (this.invalid) this.bound.setInvalid(true);
      this.capabilityOptions.forEach(([capability, options]) =>
        this.bound.setCapabilityOptions(capability, options),
      );
      return this.bound;
    }

    getValue() {
      return this.bound ? this.bound.getValue() : this.input.value;
    }

    getState() {
      return this.start().getState();
    }

    setState(state) {
      this.start().setState(state);
    }

    setInvalid(invalid) {
      this.invalid = invalid;
      if (this.bound) this.bound.setInvalid(invalid);
    }

    getTextLabel(opts) {
      return this.bound ? this.bound.getTextLabel(opts) : this.textLabel(opts);
    }

    // As Wagtail's widget does: the text of the blocks, cut at maxLength.
    textLabel(opts) {
      const maxLength = opts && opts.maxLength;
      let raw;
      try {
        raw = JSON.parse(this.input.value);
      } catch {
        return '';
      }
      if (!raw || !raw.blocks) return '';
      let label = '';
      for (const block of raw.blocks) {
        if (block.text) {
          label += label ? ` ${block.text}` : block.text;
          if (maxLength && label.length > maxLength) {
            return `${label.substring(0, maxLength - 1)}…`;
          }
        }
      }
      return label;
    }

    focus() {
      this.start().focus();
    }

    setCapabilityOptions(capability, options) {
      if (this.bound) this.bound.setCapabilityOptions(capability, options);
      else this.capabilityOptions.push([capability, options]);
    }

    getCapabilityOptions(capabilities) {
      return this.start().getCapabilityOptions(capabilities);
    }
  }

  // Only the fields of the page as it loads wait; a block added later is started at once, and
  // once the page has loaded the waiting ones start one at a time while the browser is idle,
  // so every editor is soon ready without holding up the first one the editor uses.
  let pageLoaded = false;
  const idle = window.requestIdleCallback || ((callback) => setTimeout(callback, 50));
  const startNextWhenIdle = () => {
    const next = document.querySelector('[data-rich-text-pending]');
    if (!next) return;
    next.lazyRichText.start();
    idle(startNextWhenIdle);
  };
  window.addEventListener('load', () => {
    pageLoaded = true;
    idle(startNextWhenIdle);
  });

  class LazyDraftailRichTextArea extends Draftail {
    render(container, name, id, initialState, parentCapabilities, options = {}) {
      // An editor state (a block being split or duplicated) belongs to an editor in use.
      if (pageLoaded || (initialState && initialState.getCurrentContent)) {
        return super.render(container, name, id, initialState, parentCapabilities, options);
      }
      return new LazyRichText(this, container, name, id, initialState, parentCapabilities, {
        ...options,
      });
    }
  }

  window.telepath.register('wagtail.widgets.DraftailRichTextArea', LazyDraftailRichTextArea);
})();
