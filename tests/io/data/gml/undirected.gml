graph [
  node [ id 10 ]
  node [ id 20 label "twenty" ]
  edge [ source 10 target 20 weight 3 ]
]
