"""The newsfacts spaCy components, one module per mention type; importing this
package registers their factories."""
from pipeline.components import money, percent  # noqa: F401
