// The course-list block in the page editor: "Add several courses" opens the course chooser in
// its multiple mode (Wagtail's own modal, with checkboxes) and adds one ranked item per chosen
// course, in the order the editor ticked them. It uses the chooser modal API that Wagtail's
// MultipleChooserPanel uses: the chooser widget's openModal(callback, { multiple: true }).
(() => {
  const { StructBlockDefinition } = window.wagtailStreamField.blocks;

  // The boxes ticked in the open chooser, in the order they were ticked: the modal submits
  // them in table order, and a ranking is the order the editor meant.
  let ticked = [];
  document.addEventListener(
    'change',
    (event) => {
      const box = event.target;
      if (!(box instanceof HTMLInputElement)) return;
      if (!box.matches('[data-multiple-choice-select]')) return;
      ticked = ticked.filter((id) => id !== box.value);
      if (box.checked) ticked.push(box.value);
    },
    true,
  );

  const inTickedOrder = (items) => {
    const rank = (item) => {
      const index = ticked.indexOf(String(item.id));
      return index === -1 ? ticked.length : index;
    };
    return items
      .map((item, position) => ({ item, position }))
      .sort((a, b) => rank(a.item) - rank(b.item) || a.position - b.position)
      .map(({ item }) => item);
  };

  class CourseListBlockDefinition extends StructBlockDefinition {
    render(placeholder, prefix, initialState, initialError) {
      const block = super.render(placeholder, prefix, initialState, initialError);
      const { itemsField, courseField, addSeveralLabel } = this.meta;
      const list = block.childBlocks[itemsField];
      const chooser = list.blockDef.childBlockDef.childBlockDefsByName[courseField].widget;
      const courseOf = (child) => child.block.childBlocks[courseField].getValue();

      const add = (items) => {
        const present = new Set(list.children.map(courseOf).filter(Boolean).map(String));
        // Items left empty at the end of the list (a new list starts with one) take the first
        // chosen courses; the rest are added after them. A course already listed is skipped.
        let slot = list.children.length;
        while (slot > 0 && !courseOf(list.children[slot - 1])) slot -= 1;
        inTickedOrder(items).forEach((item) => {
          if (present.has(String(item.id))) return;
          present.add(String(item.id));
          if (slot < list.children.length) {
            list.children[slot].block.childBlocks[courseField].setState(item);
          } else {
            const value = { ...list.blockDef.initialChildState, [courseField]: item };
            list.insert(value, list.children.length, { animate: true });
          }
          slot += 1;
        });
      };

      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'button button-small button-secondary';
      button.textContent = addSeveralLabel;
      button.addEventListener('click', () => {
        ticked = [];
        chooser.openModal(add, { multiple: true });
      });
      list.container[0].append(button);
      return block;
    }
  }

  window.telepath.register('courses.blocks.CourseListBlock', CourseListBlockDefinition);
})();
