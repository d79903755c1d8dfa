"""The newsfacts spaCy components, one module per mention type; importing this
package registers their factories."""
from pipeline.components import dates, models, money, orgs, percent  # noqa: F401
