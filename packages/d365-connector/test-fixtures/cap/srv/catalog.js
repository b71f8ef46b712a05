const cds = require('@sap/cds');

module.exports = cds.service.impl(function () {
  this.on('addStock', 'Books', async (req) => {
    const [{ ID }] = req.params;
    const { Books } = this.entities;
    await UPDATE(Books, ID).with({ stock: { '+=': req.data.amount } });
    const book = await SELECT.one.from(Books, ID).columns('stock');
    return book.stock;
  });
});
