using BlogShop.Domain.Entities;
using BlogShop.Domain.Media;
using BlogShop.Signals;
using Microsoft.Extensions.Logging;

namespace BlogShop.Domain.Receivers;

/// <summary>
/// A product's picture file is deleted once the deletion of the product commits, and a replaced picture once that
/// change commits. A rolled-back delete or replace deletes no file.
/// </summary>
[Receiver]
internal sealed class DeleteProductPictureAfterCommit(IMediaStorage media, ILogger<DeleteProductPictureAfterCommit> logger)
    : DeleteFileAfterCommit<Product>(media, logger, nameof(Product.Picture))
{
    protected override string? FileOf(Product entity) => entity.Picture;

    protected override int IdOf(Product entity) => entity.Id;
}
