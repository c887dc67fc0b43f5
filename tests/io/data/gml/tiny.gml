Creator "einfluence test fixture"
# a comment line
graph [
  directed 1
  node [
    id 1
    label "alpha.example.com"
    value 0
    source "Blogarama"
  ]
  node [
    id 2
    label "beta.example.org/blog"
    value 1
    source "LeftyDirectory,eTalkingHead"
    graphics [ x 1.5 y -2.0 ]
  ]
  node [
    id 3
    label "caf&#233;.example.fr"
    value 0
    source "Blogarama"
  ]
  edge [
    source 1
    target 2
  ]
  edge [
    source 1
    target 2
  ]
  edge [
    source 2
    target 3
    weight 2.5
  ]
  edge [
    source 3
    target 3
  ]
]
